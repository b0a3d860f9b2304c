# source: https://github.com/feiyuhuahuo/Yolact_minimal/issues/9
import numpy as np


def draw_img(results, img_origin, visual_top_k=5):
    class_ids, classes, boxes = [x[:visual_top_k].cpu().numpy() for x in results[:3]]  # error: TL001
    img = img_origin.copy()
    for box in boxes.astype(int):
        x1, y1, x2, y2 = np.clip(box, 0, img.shape[1] - 1)
        img[y1:y2 + 1, [x1, x2]] = 255
    return img, class_ids, classes
