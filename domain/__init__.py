"""The product: conversation and brief models, the offline analysis, and the ports the outside implements."""
