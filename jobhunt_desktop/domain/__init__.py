"""Pure rules and entities: no Qt, no database, no global clock."""
