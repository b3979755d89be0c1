# `ogrinfo -json -ro -so -al` for GDAL older than 3.7 (Debian bookworm ships 3.6), through GDAL's own Python
# bindings (Debian's python3-gdal): the same members the importer reads, so one parser serves both.
# Usage: python3 ogrinfo_json.py <dataset> [NAME=VALUE open option ...]
import json
import sys

from osgeo import gdal, ogr

gdal.UseExceptions()
ogr.UseExceptions()


def main():
    path = sys.argv[1]
    ds = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY, open_options=sys.argv[2:])
    layers = []
    for i in range(ds.GetLayerCount()):
        lyr = ds.GetLayer(i)
        defn = lyr.GetLayerDefn()
        geoms = []
        for g in range(defn.GetGeomFieldCount()):
            srs = defn.GetGeomFieldDefn(g).GetSpatialRef()
            cs = None
            if srs is not None:
                cs = {"wkt": srs.ExportToWkt(), "projjson": json.loads(srs.ExportToPROJJSON())}
            geoms.append({"name": defn.GetGeomFieldDefn(g).GetName(), "coordinateSystem": cs})
        layers.append({
            "name": lyr.GetName(),
            "featureCount": lyr.GetFeatureCount(),
            "fields": [{"name": defn.GetFieldDefn(f).GetName(), "type": defn.GetFieldDefn(f).GetTypeName()}
                       for f in range(defn.GetFieldCount())],
            "geometryFields": geoms,
        })
    json.dump({"layers": layers}, sys.stdout)


try:
    main()
except Exception as e:  # GDAL's message, as ogrinfo prints it, for the importer to translate
    sys.stderr.write("ERROR 1: %s\n" % e)
    sys.exit(1)
