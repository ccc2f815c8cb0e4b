export { importQdpxBytes } from './src/core/refi/import-project';
