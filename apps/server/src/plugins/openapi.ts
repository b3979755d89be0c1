import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/** OpenAPI document built from the route schemas, browsable at /docs. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        info: { title: 'SIG Municipal API', version: '0.1.0', description: 'Teselas vectoriales, OGC API – Features, estadísticas, proyectos y participación ciudadana.' },
        // Writes need a signed-in role: an API token (Bearer) for scripts, the session cookie for the web client.
        // Each route's roles are stated in its description (plugins/auth.ts).
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', description: 'Token de API de un usuario (npm run users -- token <correo>)' },
            cookieAuth: { type: 'apiKey', in: 'cookie', name: 'sigmun_sid', description: 'Sesión del cliente web (POST /api/auth/login); las escrituras llevan Origin propio o x-csrf-token' },
          },
        },
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'openapi' },
);
