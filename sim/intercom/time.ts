// The clock: Intercom stores every timestamp as integer unix seconds.
export const unixNow = () => Math.floor(Date.now() / 1000);
