"""Pictures into pixels and files: the house style, the frame loop, the encoders and the figure-
quality gate."""
