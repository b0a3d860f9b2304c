# source: https://github.com/pytorch/pytorch/issues/140469
# Dataset distillation: the synthetic images are drawn with requires_grad=True
# and scaled by 0.01 on the same line, then handed to SGD to be learned.
import argparse

import torch


def main(args, num_classes=3, channel=1, im_size=(4, 4)):
    image_syn = torch.randn(size=(num_classes * args.dlipc, channel, im_size[0], im_size[1]), dtype=torch.float,
                            requires_grad=True, device=args.dldevice) * 0.01
    optimizer_img = torch.optim.SGD([image_syn, ], lr=args.dllr_img, momentum=0.5)  # error: TL006
    for _ in range(2):
        loss = (image_syn ** 2).sum()
        optimizer_img.zero_grad()
        loss.backward()  # also: TL105
        optimizer_img.step()
    return image_syn


main(argparse.Namespace(dlipc=2, dldevice="cpu", dllr_img=0.1))
