#!/usr/bin/env node
// The `route-dup` command. Its code is compiled to dist/ by the package's build; this file
// lives in the source tree so that npm can link the command when it installs the
// workspace, before the build (npm's `prepare`) has produced dist/.
await import('../dist/esm/cli.js');
