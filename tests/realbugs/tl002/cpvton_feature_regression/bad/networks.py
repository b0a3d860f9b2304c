# source: https://github.com/sergeywong/cp-vton/issues/30
import torch
import torch.nn as nn


class FeatureCorrelation(nn.Module):
    def forward(self, feature_A, feature_B):
        b, c, h, w = feature_A.size()
        feature_A = feature_A.transpose(2, 3).contiguous().view(b, c, h * w)
        feature_B = feature_B.view(b, c, h * w).transpose(1, 2)
        feature_mul = torch.bmm(feature_B, feature_A)
        correlation_tensor = feature_mul.view(b, h, w, h * w).transpose(2, 3).transpose(1, 2)
        return correlation_tensor


class FeatureRegression(nn.Module):
    def __init__(self, input_nc=192, output_dim=6):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(input_nc, 64, kernel_size=4, stride=2, padding=1),
            nn.BatchNorm2d(64),
            nn.ReLU(inplace=True),
            nn.Conv2d(64, 32, kernel_size=3, padding=1),
            nn.BatchNorm2d(32),
            nn.ReLU(inplace=True),
        )
        self.linear = nn.Linear(32 * 4 * 3, output_dim)
        self.tanh = nn.Tanh()

    def forward(self, x):
        x = self.conv(x)
        x = x.view(x.size(0), -1)  # error: TL002
        x = self.linear(x)
        return self.tanh(x)


class GMM(nn.Module):
    """Geometric matching: correlate the two feature maps, regress the warp parameters."""

    def __init__(self, grid_h=8, grid_w=6):
        super().__init__()
        self.extractionA = nn.Conv2d(22, 16, 3, padding=1)
        self.extractionB = nn.Conv2d(3, 16, 3, padding=1)
        self.correlation = FeatureCorrelation()
        self.regression = FeatureRegression(input_nc=grid_h * grid_w, output_dim=2 * 3 * 3)

    def forward(self, inputA, inputB):
        featureA = nn.functional.normalize(self.extractionA(inputA), dim=1)
        featureB = nn.functional.normalize(self.extractionB(inputB), dim=1)
        correlation = self.correlation(featureA, featureB)
        return self.regression(correlation)
