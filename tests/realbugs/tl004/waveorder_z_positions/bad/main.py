# source: https://github.com/mehta-lab/waveorder/issues/139
# The reconstruction computes the z positions of the stack as a tensor and hands
# them to the optics function, which also accepts a list.
import torch

from optics import generate_greens_function_z


def calculate_transfer_function(zyx_shape, yx_pixel_size, z_pixel_size, wavelength_illumination, numerical_aperture):
    z_total, y, x = zyx_shape
    fy = torch.fft.fftfreq(y, yx_pixel_size)
    fx = torch.fft.fftfreq(x, yx_pixel_size)
    radial_frequencies = torch.sqrt(fy[:, None] ** 2 + fx[None, :] ** 2)
    pupil_support = (radial_frequencies < numerical_aperture / wavelength_illumination).float()
    z_position_list = torch.fft.ifftshift((torch.arange(z_total) - z_total // 2) * z_pixel_size)
    return generate_greens_function_z(radial_frequencies, pupil_support, wavelength_illumination, z_position_list)


transfer = calculate_transfer_function((8, 16, 16), 0.1, 0.25, 0.532, 0.9)
