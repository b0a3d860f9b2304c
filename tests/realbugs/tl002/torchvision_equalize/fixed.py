# source: https://github.com/pytorch/vision/pull/6775
# equalize() flattens every channel of a batch of images to compute its histogram;
# images decoded channels-last and permuted to (N, C, H, W) are not contiguous.
import numpy as np
import torch


def _scale_channel(img_chan):
    hist = torch.bincount(img_chan, minlength=256)
    nonzero_hist = hist[hist != 0]
    step = torch.div(nonzero_hist[:-1].sum(), 255, rounding_mode="floor")
    if step == 0:
        return img_chan
    lut = torch.div(torch.cumsum(hist, 0) + torch.div(step, 2, rounding_mode="floor"), step, rounding_mode="floor")
    lut = torch.nn.functional.pad(lut, [1, 0])[:-1].clamp(0, 255)
    return lut[img_chan]


def equalize_image_tensor(image):
    if image.numel() == 0:
        return image
    batch_shape = image.shape[:-2]
    height, width = image.shape[-2:]
    batch_image = image.reshape(-1, height * width).to(torch.long)
    out = torch.stack([_scale_channel(chan) for chan in batch_image])
    return out.view(batch_shape + (height, width)).to(image.dtype)


def load_batch(arrays):
    return torch.from_numpy(np.stack(arrays)).permute(0, 3, 1, 2)


images = load_batch([np.random.randint(0, 256, size=(24, 32, 3), dtype=np.uint8) for _ in range(2)])
equalized = equalize_image_tensor(images)
