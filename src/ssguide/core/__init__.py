"""The pure core: a flow and answers in, a checklist out. No terminal, no clock (today is passed in), no environment."""
