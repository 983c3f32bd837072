export declare const TOLERANCE_SECONDS: number;
export declare function verify(
  secret: string,
  headers: Record<string, string | string[] | undefined> | Headers,
  body: string | Buffer,
  nowSeconds?: number,
): boolean;
