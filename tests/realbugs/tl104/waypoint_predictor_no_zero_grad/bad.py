# source: https://github.com/wz0919/waypoint-predictor/issues/4
# waypoint_predictor.py's predict_waypoints(): frozen RGB and depth encoders
# make features, TRM_predict() runs the trainable predictor, and each batch of
# the epoch loop calls total_loss.backward() and optimizer.step(); the reporter
# points at those lines and asks whether optimizer.zero_grad() is omitted on
# purpose, as nothing in the script clears the predictor's gradients. The
# encoders and the transformer predictor are tiny stand-ins.
import argparse
import random

import torch
import torch.nn as nn

device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')


class RGBEncoder(nn.Module):
    def __init__(self, trainable=False):
        super(RGBEncoder, self).__init__()
        self.rgb_net = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2), nn.ReLU())
        for param in self.rgb_net.parameters():
            param.requires_grad_(trainable)

    def forward(self, rgb_imgs):
        s = rgb_imgs.size()
        return self.rgb_net(rgb_imgs.reshape(s[0] * s[1], s[2], s[3], s[4]))


class DepthEncoder(nn.Module):
    def __init__(self, trainable=False):
        super(DepthEncoder, self).__init__()
        self.depth_net = nn.Sequential(nn.Conv2d(1, 4, 3, stride=2), nn.ReLU())
        for param in self.depth_net.parameters():
            param.requires_grad_(trainable)

    def forward(self, depth_imgs):
        s = depth_imgs.size()
        return self.depth_net(depth_imgs.reshape(s[0] * s[1], s[2], s[3], s[4]))


class BinaryDistPredictor_TRM(nn.Module):
    def __init__(self, args=None, hidden_dim=16, n_classes=12):
        super(BinaryDistPredictor_TRM, self).__init__()
        self.num_angles = args.ANGLES
        self.num_imgs = args.NUM_IMGS
        self.n_classes = n_classes
        self.visual_fc_rgb = nn.Sequential(nn.Flatten(), nn.Linear(8 * 3 * 3, hidden_dim), nn.ReLU(True))
        self.visual_fc_depth = nn.Sequential(nn.Flatten(), nn.Linear(4 * 3 * 3, hidden_dim), nn.ReLU(True))
        self.visual_merge = nn.Sequential(nn.Linear(hidden_dim * 2, hidden_dim), nn.ReLU(True))
        self.waypoint_TRM = nn.TransformerEncoderLayer(hidden_dim, nhead=2, dim_feedforward=32,
                                                       dropout=0.0, batch_first=True)
        self.vis_classifier = nn.Sequential(nn.Linear(hidden_dim, hidden_dim), nn.ReLU(),
                                            nn.Linear(hidden_dim, n_classes))

    def forward(self, rgb_feats, depth_feats):
        bsi = rgb_feats.size(0) // self.num_imgs
        rgb_x = self.visual_fc_rgb(rgb_feats).reshape(bsi, self.num_imgs, -1)
        depth_x = self.visual_fc_depth(depth_feats).reshape(bsi, self.num_imgs, -1)
        vis_x = self.visual_merge(torch.cat((rgb_x, depth_x), dim=-1))
        vis_rel_x = self.waypoint_TRM(vis_x)
        return self.vis_classifier(vis_rel_x).reshape(bsi, self.num_angles, self.n_classes)


def TRM_predict(mode, args, predictor, rgb_feats, depth_feats):
    vis_logits = predictor(rgb_feats, depth_feats)
    vis_probs = torch.sigmoid(vis_logits)
    if mode == 'train':
        return vis_logits
    elif mode == 'eval':
        return vis_probs, vis_logits


def predict_waypoints(args):
    rgb_encoder = RGBEncoder(trainable=False).to(device)
    depth_encoder = DepthEncoder(trainable=False).to(device)
    predictor = BinaryDistPredictor_TRM(args=args, hidden_dim=args.HIDDEN_DIM,
                                        n_classes=args.NUM_CLASSES).to(device)

    trainloader = [{'rgb': torch.rand(args.BATCH_SIZE, args.NUM_IMGS, 3, 8, 8),
                    'depth': torch.rand(args.BATCH_SIZE, args.NUM_IMGS, 1, 8, 8),
                    'target': torch.rand(args.BATCH_SIZE, args.ANGLES, args.NUM_CLASSES)}
                   for _ in range(3)]

    criterion_mse = torch.nn.MSELoss(reduction='none')
    params = list(predictor.parameters())
    optimizer = torch.optim.AdamW(params, lr=args.LEARNING_RATE)

    for epoch in range(args.EPOCH):
        sum_loss = 0.0
        rgb_encoder.eval()
        depth_encoder.eval()
        predictor.train()
        for i, data in enumerate(trainloader):
            rgb_imgs = data['rgb'].to(device)
            depth_imgs = data['depth'].to(device)
            rgb_feats = rgb_encoder(rgb_imgs)
            depth_feats = depth_encoder(depth_imgs)
            target = data['target'].to(device)

            if args.PREDICTOR_NET == 'TRM':
                vis_logits = TRM_predict('train', args, predictor, rgb_feats, depth_feats)
                loss_vis = criterion_mse(vis_logits, target)
                total_loss = loss_vis.sum() / vis_logits.size(0) / args.ANGLES

            total_loss.backward()
            optimizer.step()  # error: TL104
            sum_loss += total_loss.item()
        print('Train Loss: %.5f' % (sum_loss / (i + 1)))


if __name__ == '__main__':
    torch.manual_seed(0)
    random.seed(0)
    args = argparse.Namespace(ANGLES=4, NUM_IMGS=4, NUM_CLASSES=12, PREDICTOR_NET='TRM', EPOCH=2,
                              BATCH_SIZE=2, LEARNING_RATE=1e-4, HIDDEN_DIM=16)
    predict_waypoints(args)
