"""Setting up a database: the bootstrap of a first start and the demo province with its accounts."""
