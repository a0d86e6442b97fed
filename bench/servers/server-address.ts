/** Where a bench server listens: `HOST` and `PORT` as the bench's child-process helper sets them. */
export function serverAddress(env: NodeJS.ProcessEnv = process.env): { host: string; port: number } {
  const port = Number(env.PORT);
  if (!Number.isInteger(port) || port <= 0 || port > 65_535)
    throw new Error(`PORT=${env.PORT} is not a port`);
  return { host: env.HOST ?? '127.0.0.1', port };
}

/** A required setting of a bench server; exits with the variable's name when it is missing. */
export function requiredEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
