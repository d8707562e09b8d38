"""What a config may ask of the pipeline, where more than the schema's own bounds need it."""

# The most frames an animation may have: the schema's frame_count maximum (configuration.py sets
# it there) and what the gradient figure's check counts steps against.
MAX_FRAMES = 2000
