# source: https://github.com/mehta-lab/waveorder/issues/139
import torch


def generate_greens_function_z(radial_frequencies, pupil_support, wavelength_illumination, z_position_list):
    oblique_factor = ((1 - wavelength_illumination ** 2 * radial_frequencies ** 2) * pupil_support) ** 0.5 / wavelength_illumination
    greens_function_z = (
        -1j / 4 / torch.pi * pupil_support[None, :, :]
        * torch.exp(1j * oblique_factor[None, :, :] * 2 * torch.pi * torch.tensor(z_position_list)[:, None, None])  # error: TL004
        / (oblique_factor[None, :, :] + 1e-4)
    )
    return greens_function_z
