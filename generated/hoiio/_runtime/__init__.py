"""The hand-written runtime behind the generated services: transport, validation, coercion."""
