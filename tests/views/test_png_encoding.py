"""The explorers' PNG encoder (smlearn.plots.render.png_of_pixels) against an independent decoder (Pillow)."""

import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from smlearn.plots.render import png_of_pixels


def decoded(png: bytes) -> np.ndarray:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.mode == "RGB"
    return np.asarray(image)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 40), st.integers(1, 40), st.integers(0, 2**32 - 1))
def test_any_picture_decodes_to_its_own_pixels_without_the_alpha(height, width, seed):
    rgba = np.random.default_rng(seed).integers(0, 256, size=(height, width, 4), dtype=np.uint8)
    np.testing.assert_array_equal(decoded(png_of_pixels(rgba)), rgba[:, :, :3])


def test_a_figure_canvas_is_encoded_as_pillow_reads_it():
    from smlearn.plots.style import new_figure

    fig, (ax,) = new_figure()
    ax.plot([0, 1], [0, 1])
    fig.canvas.draw()
    buffer = np.asarray(fig.canvas.buffer_rgba())
    np.testing.assert_array_equal(decoded(png_of_pixels(fig.canvas.buffer_rgba())), buffer[:, :, :3])


@pytest.mark.parametrize("bad", [np.zeros((3, 3, 3), np.uint8), np.zeros((3, 3, 4), np.float64), np.zeros((3, 4), np.uint8)])
def test_pixels_that_are_not_height_width_rgba_bytes_are_refused(bad):
    with pytest.raises(ValueError, match="rgba must be height x width x 4 bytes"):
        png_of_pixels(bad)
