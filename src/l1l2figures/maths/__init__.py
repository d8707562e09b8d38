"""The maths of the figures: datasets, fits and measures, in numpy and scikit-learn."""
