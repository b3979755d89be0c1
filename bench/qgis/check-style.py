#!/usr/bin/python3
"""Converts a published SIG Municipal style with QGIS's own MapLibre/Mapbox GL converter and renders our tiles with it.

Usage: check-style.py --url http://127.0.0.1:8080 [--style cartografia] --out mapa.png [--json resultado.json]

Reads /styles/{style}.json and the sprite it names from the running server, converts the style with
QgsMapBoxGlStyleConverter (what QGIS does when a planner adds our style to a vector tile layer), prints every
warning the converter gives, then draws each catalog source of the style (its TileJSON's XYZ template) with the
converted renderer and labelling over the municipality into a PNG. Needs Debian's python3-qgis; runs headless
(QT_QPA_PLATFORM=offscreen). Exit status 0 whatever the warnings: the caller judges the count.
"""
import argparse
import json
import math
import os
import sys
import urllib.request

os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')

from qgis.core import (  # noqa: E402
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsMapBoxGlStyleConversionContext,
    QgsMapBoxGlStyleConverter,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsRectangle,
    QgsVectorTileLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor, QImage  # noqa: E402


def fetch(url):
    with urllib.request.urlopen(url, timeout=60) as r:
        return r.read()


def mercator(lon, lat):
    x = lon * 20037508.342789244 / 180
    y = math.log(math.tan((90 + lat) * math.pi / 360)) * 6378137
    return x, y


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--url', required=True)
    ap.add_argument('--style', default='cartografia')
    ap.add_argument('--out', required=True)
    ap.add_argument('--json')
    ap.add_argument('--size', type=int, default=1024)
    a = ap.parse_args()
    base = a.url.rstrip('/')

    qgs = QgsApplication([], False)
    qgs.initQgis()
    style = json.loads(fetch(f'{base}/styles/{a.style}.json'))

    context = QgsMapBoxGlStyleConversionContext()
    sprite = style.get('sprite')
    if isinstance(sprite, str):
        image = QImage()
        image.loadFromData(fetch(sprite + '.png'))
        context.setSprites(image, json.loads(fetch(sprite + '.json')))
    converter = QgsMapBoxGlStyleConverter()
    converter.convert(style, context)
    warnings = list(converter.warnings()) + [w for w in context.warnings() if w not in converter.warnings()]
    for w in warnings:
        print(f'WARNING {w}')
    print(f'warnings: {len(warnings)}')

    # The picture shows what the page shows by default: the layers the style has visible (the converter draws a
    # hidden layer too), converted once more without the others.
    shown = dict(style, layers=[l for l in style['layers'] if l.get('layout', {}).get('visibility', 'visible') != 'none'])
    converter = QgsMapBoxGlStyleConverter()
    converter.convert(shown, context)

    # One vector tile layer per catalog source (QGIS draws one XYZ source per layer); the converted renderer's
    # styles match by source layer, so each layer draws only its own.
    layers = []
    bounds = None
    for sid, src in style['sources'].items():
        if src.get('type') != 'vector' or not str(src.get('url', '')).startswith('http'):
            continue
        tj = json.loads(fetch(src['url']))
        tiles = tj['tiles'][0]
        layer = QgsVectorTileLayer(f"type=xyz&url={tiles.replace('&', '%26')}&zmin={tj.get('minzoom', 0)}&zmax={min(tj.get('maxzoom', 14), 16)}", sid)
        if not layer.isValid():
            print(f'INVALID {sid}', file=sys.stderr)
            continue
        layer.setRenderer(converter.renderer().clone())
        if converter.labeling():
            layer.setLabeling(converter.labeling().clone())
        layers.append(layer)
        if sid.endswith('-municipio') and tj.get('bounds'):
            bounds = tj['bounds']
    if bounds is None:
        lon, lat = style.get('center', [0, 0])
        bounds = [lon - 0.05, lat - 0.05, lon + 0.05, lat + 0.05]
    # The map opens on the centre of the municipality at a city zoom, where streets, labels and icons all draw.
    lon, lat = style.get('center', [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2])
    cx, cy = mercator(lon, lat)
    half = 3000
    settings = QgsMapSettings()
    settings.setDestinationCrs(QgsCoordinateReferenceSystem('EPSG:3857'))
    settings.setLayers(list(reversed(layers)))
    settings.setExtent(QgsRectangle(cx - half, cy - half, cx + half, cy + half))
    settings.setOutputSize(QSize(a.size, a.size))
    settings.setBackgroundColor(QColor(style['layers'][0].get('paint', {}).get('background-color', '#ffffff')))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    img = job.renderedImage()
    img.save(a.out, 'PNG')
    colours = set()
    for y in range(0, img.height(), 8):
        for x in range(0, img.width(), 8):
            colours.add(img.pixel(x, y))
    result = {
        'qgis': Qgis.QGIS_VERSION,
        'style': a.style,
        'warnings': warnings,
        'layers': len(layers),
        'png': a.out,
        'distinctColours': len(colours),
        'renderErrors': [f'{e.layerID}: {e.message}' for e in job.errors()],
    }
    print(json.dumps({k: v for k, v in result.items() if k != 'warnings'}))
    if a.json:
        with open(a.json, 'w') as f:
            json.dump(result, f, indent=2, ensure_ascii=False)
    qgs.exitQgis()


if __name__ == '__main__':
    main()
