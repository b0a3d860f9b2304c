# source: https://github.com/YaN9-Y/lafin/issues/8
# A landmark loss added to a super-resolution model: the landmarks of the
# generated image and of the ground truth are read from a heatmap detector as
# the index torch.max returns (the value has a grad, the index none), and the
# L2 distance between them is backpropagated.
import torch
import torch.nn as nn

points_num = 4
size = 8


class HeatmapDetector(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, points_num, 3, padding=1)

    def forward(self, image):
        return self.conv(image)


def landmarks_from_heatmaps(heatmaps):
    b, k, h, w = heatmaps.shape
    _, index = torch.max(heatmaps.view(b, k, h * w), dim=2)
    return torch.stack([index % w, index // w], dim=2).float()


def loss_landmark(landmark_true, landmark_pred):
    landmark_loss = torch.norm((landmark_true - landmark_pred).reshape(-1, points_num * 2), 2, dim=1, keepdim=True)
    return torch.mean(landmark_loss)


torch.manual_seed(0)
generator = nn.Conv2d(3, 3, 3, padding=1)
detector = HeatmapDetector()
optimizer = torch.optim.Adam(generator.parameters(), lr=1e-3)
I_lr = torch.randn(2, 3, size, size)
I_gt = torch.randn(2, 3, size, size)

I_sr = generator(I_lr)
landmark_sr = landmarks_from_heatmaps(detector(I_sr))
landmark_gt = landmarks_from_heatmaps(detector(I_gt))
loss = loss_landmark(landmark_gt, landmark_sr)
optimizer.zero_grad()
loss.backward()  # error: TL011
optimizer.step()
