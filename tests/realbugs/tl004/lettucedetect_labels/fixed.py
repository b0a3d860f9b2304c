# source: https://github.com/KRLabsOrg/LettuceDetect/pull/18
# The detector's predict() builds token labels with the tokenizer's helper, which
# already returns a tensor, and then wraps it in torch.tensor again.
import torch
import torch.nn as nn


def tokenize_with_labels(context, answer, max_length=64):
    ids = [hash(w) % 1000 for w in (context + " [SEP] " + answer).split()][:max_length]
    answer_start = len(context.split()) + 1
    labels = [-100 if i < answer_start else 0 for i in range(len(ids))]
    return torch.tensor(ids), torch.tensor(labels)


class HallucinationDetector:
    def __init__(self, device="cpu"):
        self.device = device
        self.model = nn.Sequential(nn.Embedding(1000, 32), nn.Linear(32, 2))

    def predict(self, context, answer):
        input_ids, labels = tokenize_with_labels(context, answer)
        input_ids = input_ids.to(self.device)
        labels = labels.to(self.device)
        with torch.no_grad():
            logits = self.model(input_ids)
        preds = logits.argmax(-1)
        return [int(p) for p, l in zip(preds, labels) if l != -100]


detector = HallucinationDetector()
detector.predict("France is a country in Europe . The capital of France is Paris .", "The capital of France is Lyon .")
