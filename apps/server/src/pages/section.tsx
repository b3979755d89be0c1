// A section page: its heading and description (content follows in later commits).
import type { Section } from '@sigmun/domain/portal';
import type { PageContext } from './layout.tsx';

/** Body of `/<section>`. */
export function SectionPage({ ctx, section }: { ctx: PageContext; section: Section }) {
  return (
    <>
      <h1>{ctx.t(`nav.${section}`)}</h1>
      <p className="lead">{ctx.t(`desc.${section}`)}</p>
    </>
  );
}
