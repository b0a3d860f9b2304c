# source: https://github.com/bubbliiiing/faster-rcnn-pytorch/issues/27
# A Faster R-CNN trainer's fit_one_epoch calls the trainer's train_step for
# each batch (forward, the four RPN/ROI losses and their total, backward of
# the total, optimizer step) and adds the returned losses to running sums for
# the progress display. The reporter's process was killed in the epochs after
# unfreezing the backbone; the fix (from the PyTorch FAQ) was to change such
# "loss += loss" statements to += float(loss), so the sums stop holding every
# batch's graph; the author agreed an .item() was missing.
import torch
import torch.nn as nn


class FasterRCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.extractor = nn.Conv2d(3, 8, 3, padding=1)
        self.rpn = nn.Conv2d(8, 6, 1)
        self.head = nn.Linear(8, 5)

    def forward(self, x):
        h = torch.relu(self.extractor(x))
        return self.rpn(h), self.head(h.mean(dim=(2, 3)))


class FasterRCNNTrainer(nn.Module):
    def __init__(self, faster_rcnn, optimizer):
        super().__init__()
        self.faster_rcnn = faster_rcnn
        self.optimizer = optimizer

    def forward(self, imgs, bboxes, labels, scale):
        rpn_out, roi_out = self.faster_rcnn(imgs)
        rpn_loc_loss = rpn_out[:, :4].abs().mean()
        rpn_cls_loss = rpn_out[:, 4:].pow(2).mean()
        roi_loc_loss = (roi_out[:, :4] - bboxes).abs().mean()
        roi_cls_loss = nn.functional.cross_entropy(roi_out, labels)
        losses = [rpn_loc_loss, rpn_cls_loss, roi_loc_loss, roi_cls_loss]
        return losses + [sum(losses)]

    def train_step(self, imgs, bboxes, labels, scale):
        self.optimizer.zero_grad()
        losses = self.forward(imgs, bboxes, labels, scale)
        losses[-1].backward()
        self.optimizer.step()
        return losses


def fit_one_epoch(train_util, epoch, epoch_size, gen, Epoch):
    total_loss = 0
    rpn_loc_loss = 0
    rpn_cls_loss = 0
    roi_loc_loss = 0
    roi_cls_loss = 0
    for iteration, batch in enumerate(gen):
        if iteration >= epoch_size:
            break
        imgs, boxes, labels = batch[0], batch[1], batch[2]
        losses = train_util.train_step(imgs, boxes, labels, 1)
        rpn_loc, rpn_cls, roi_loc, roi_cls, total = losses
        total_loss += total  # error: TL101
        rpn_loc_loss += rpn_loc  # also: TL101
        rpn_cls_loss += rpn_cls  # also: TL101
        roi_loc_loss += roi_loc  # also: TL101
        roi_cls_loss += roi_cls  # also: TL101
        print('Epoch %d/%d total_loss %.4f' % (epoch + 1, Epoch, total_loss / (iteration + 1)))


torch.manual_seed(0)
model = FasterRCNN()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
train_util = FasterRCNNTrainer(model, optimizer)
gen = [(torch.rand(2, 3, 16, 16), torch.rand(2, 4), torch.randint(0, 5, (2,))) for _ in range(3)]
for epoch in range(2):
    fit_one_epoch(train_util, epoch, 3, gen, 2)
