# source: https://github.com/vocalpy/vak/issues/800
# character_error_rate() returns torch.tensor(rate); the edit distance it divides
# is computed with tensors, so rate is already a tensor.
import torch


def levenshtein(source, target):
    d = torch.zeros(len(source) + 1, len(target) + 1)
    d[:, 0] = torch.arange(len(source) + 1)
    d[0, :] = torch.arange(len(target) + 1)
    for i in range(1, len(source) + 1):
        for j in range(1, len(target) + 1):
            cost = 0 if source[i - 1] == target[j - 1] else 1
            d[i, j] = torch.min(torch.stack([d[i - 1, j] + 1, d[i, j - 1] + 1, d[i - 1, j - 1] + cost]))
    return d[-1, -1]


def character_error_rate(y_pred, y_true):
    rate = levenshtein(y_pred, y_true) / len(y_true)
    return rate.to(torch.float32)


def evaluate(pred_labels, true_labels):
    return sum(character_error_rate(p, t) for p, t in zip(pred_labels, true_labels)) / len(true_labels)


evaluate(["abcab", "aabc"], ["abcbb", "abbc"])
