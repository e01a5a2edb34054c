// A core user's script, run on the Node of the test and on an older, unsupported one: opening a store says whether
// this Node is supported (a warning SOSMS_UNSUPPORTED_NODE on stderr, once), and the script goes on. Prints `ok`.
import { createStore } from '@sosms/core';

const store = await createStore();
await store.close();
const again = await createStore();
await again.close();
console.log('ok');
