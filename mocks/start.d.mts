export interface Mock {
  url: string;
  pid: number;
  stop(): Promise<void>;
}
export function startMock(options?: {
  port?: number;
  dynamic?: boolean;
  errors?: boolean;
  quiet?: boolean;
}): Promise<Mock>;
