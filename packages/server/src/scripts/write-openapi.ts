import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApi } from '../openapi.js';
import { serverPackageDir } from '../paths.js';

const file = join(serverPackageDir(), 'openapi.json');
writeFileSync(file, await generateOpenApi());
console.log(`wrote ${file}`);
