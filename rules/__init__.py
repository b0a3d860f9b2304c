"""The built-in rules, one module per rule, loaded by path (see torchlint.rule.load_rules)."""
