"""Pure functions that turn catalog records into standard docutils nodes (every builder can write them)."""
