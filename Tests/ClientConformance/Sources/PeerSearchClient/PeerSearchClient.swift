// The peersearch API client, generated at build time from schema/openapi.yaml (the link beside
// this file) by swift-openapi-generator's build plugin: `Client`, `Operations`, `Components`.
// This file only gives the target a source of its own.
