/** The Worker's bindings; declared in cloudflare-env.d.ts. */
export type Env = Cloudflare.Env;
