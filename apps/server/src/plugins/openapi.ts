import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/** OpenAPI document built from the route schemas, browsable at /docs. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        info: { title: 'SIG Municipal API', version: '0.1.0', description: 'Teselas vectoriales, OGC API – Features, estadísticas, proyectos y participación ciudadana.' },
        // Importing and editing need the administrator token (ADMIN_TOKEN) as a Bearer token.
        components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN del servidor' } } },
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'openapi' },
);
