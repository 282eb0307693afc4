// Imported first by the binary: graphql-js runs extra development checks on every type test
// unless NODE_ENV is "production" when it loads (2-3% of a front-page request).
process.env.NODE_ENV ??= "production";
