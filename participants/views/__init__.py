"""The pages of the banks, one module per concept."""
