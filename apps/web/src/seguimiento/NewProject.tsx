import { useState } from 'react';
import { useT } from '../i18n/index.ts';
import { useApp } from '../stores/index.ts';
import { ProjectEditor } from './ProjectEditor.tsx';

/**
 * "Nuevo proyecto" for planeacion and dependencia users: the seguimiento editor on an empty project; once saved, the
 * map goes to it and its card opens. Shown only to those roles — the server refuses anyone else anyway.
 */
export function NewProject() {
  const t = useT();
  const me = useApp((s) => s.me);
  const select = useApp((s) => s.select);
  const open = useApp((s) => s.openPanel);
  const fly = useApp((s) => s.requestFly);
  const [editing, setEditing] = useState(false);
  if (!me || !me.roles.some((r) => r === 'admin' || r === 'planeacion' || r === 'dependencia')) return null;
  if (!editing) {
    return <button type="button" className="new-project" onClick={() => setEditing(true)} data-testid="new-project">{t('seg.newProject')}</button>;
  }
  return (
    <section className="seguimiento" aria-label={t('seg.newProject')}>
      <h3>{t('seg.newProject')}</h3>
      <ProjectEditor
        card={null}
        me={{ nombre: me.nombre, roles: me.roles, dependencias: me.dependencias, csrf: me.csrf }}
        onCancel={() => setEditing(false)}
        onSaved={(c) => {
          setEditing(false);
          fly({ center: c.centroid, zoom: 16 });
          select({ layer: 'proyectos', id: String(c.id), properties: null });
          open('info');
        }}
      />
    </section>
  );
}
