# source: https://github.com/YaN9-Y/lafin/issues/8
# Fixed as the maintainer answers: their detector does not predict heatmaps, it
# regresses the landmark coordinates directly, so the L2 distance between the
# landmarks of the generated image and of the ground truth has a gradient.
import torch
import torch.nn as nn

points_num = 4
size = 8


class LandmarkDetector(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.fc = nn.Linear(4 * size * size, points_num * 2)

    def forward(self, image):
        landmark = self.fc(torch.relu(self.conv(image)).flatten(1)) * size
        return landmark.reshape(-1, points_num, 2)


def loss_landmark(landmark_true, landmark_pred):
    landmark_loss = torch.norm((landmark_true - landmark_pred).reshape(-1, points_num * 2), 2, dim=1, keepdim=True)
    return torch.mean(landmark_loss)


torch.manual_seed(0)
generator = nn.Conv2d(3, 3, 3, padding=1)
detector = LandmarkDetector()
optimizer = torch.optim.Adam(generator.parameters(), lr=1e-3)
I_lr = torch.randn(2, 3, size, size)
I_gt = torch.randn(2, 3, size, size)

I_sr = generator(I_lr)
landmark_sr = detector(I_sr)
landmark_gt = detector(I_gt)
loss = loss_landmark(landmark_gt, landmark_sr)
optimizer.zero_grad()
loss.backward()
optimizer.step()
