# source: https://github.com/daniilidis-group/neural_renderer/pull/52
# A differentiable renderer's "look" transform builds a rotation from a camera
# direction and an up vector and applies it to the vertices. Given as a list,
# a tuple or a numpy array, the direction is made a tensor and moved to the
# vertices' device; given as a tensor, it goes through direction.to(device) as a
# statement of its own. The PR: Tensor.to is not in-place, it needs an
# assignment. The meta device stands for the GPU the vertices are on.
import numpy as np
import torch
import torch.nn.functional as F


def look(vertices, eye, direction=None, up=None):
    assert vertices.ndimension() == 3
    device = vertices.device

    if direction is None:
        direction = torch.from_numpy(np.array([0, 1, 0], np.float32)).to(device)
    elif isinstance(direction, (list, tuple)):
        direction = torch.from_numpy(np.array(direction, np.float32)).to(device)
    elif isinstance(direction, np.ndarray):
        direction = torch.from_numpy(direction).to(device)
    else:
        direction.to(device)  # error: TL103

    if isinstance(eye, (list, tuple)):
        eye = torch.from_numpy(np.array(eye, np.float32)).to(device)
    elif isinstance(eye, np.ndarray):
        eye = torch.from_numpy(eye).to(device)
    else:
        eye = eye.to(device)
    if eye.ndimension() == 1:
        eye = eye[None, :]
    if direction.ndimension() == 1:
        direction = direction[None, :]
    if up.ndimension() == 1:
        up = up[None, :]

    z_axis = F.normalize(direction, eps=1e-5)
    x_axis = F.normalize(torch.cross(up, z_axis, dim=1), eps=1e-5)
    y_axis = F.normalize(torch.cross(z_axis, x_axis, dim=1), eps=1e-5)
    r = torch.cat((x_axis[:, None, :], y_axis[:, None, :], z_axis[:, None, :]), dim=1)

    if vertices.shape != eye.shape:
        eye = eye[:, None, :]
    vertices = vertices - eye
    return torch.matmul(vertices, r.transpose(1, 2))


vertices = torch.rand(1, 8, 3, device="meta")
camera_direction = torch.tensor([0.0, 0.0, 1.0])
up = torch.tensor([0.0, 1.0, 0.0], device="meta")
out = look(vertices, [0.0, 0.0, -2.7], camera_direction, up)
