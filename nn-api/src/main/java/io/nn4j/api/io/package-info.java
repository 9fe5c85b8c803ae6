/** Model files: a trained network's architecture and weights, versioned and checksummed. */
package io.nn4j.api.io;
