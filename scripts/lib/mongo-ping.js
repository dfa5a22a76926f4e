// Exits 0 when a MongoDB-wire server answers `ping` at the URL given (used instead of sleeping).
const { MongoClient } = require('mongodb');

const url = process.argv[2];
const client = new MongoClient(url, { serverSelectionTimeoutMS: 1500, connectTimeoutMS: 1500 });
client
  .connect()
  .then(() => client.db('admin').command({ ping: 1 }))
  .then(() => client.close().then(() => process.exit(0)))
  .catch(() => process.exit(1));
