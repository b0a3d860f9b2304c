# source: https://github.com/facebookresearch/inversecooking/issues/8
import torch
import torch.nn as nn

device = torch.device("cpu")


class DecoderTransformer(nn.Module):
    def __init__(self, embed_size, vocab_size, seq_length=4):
        super(DecoderTransformer, self).__init__()
        self.seq_length = seq_length
        self.embed_tokens = nn.Embedding(vocab_size, embed_size)
        self.linear = nn.Linear(embed_size, vocab_size)

    def forward(self, ingr_features, ingr_mask, captions, img_features, incremental_state=None):
        x = self.embed_tokens(captions[:, -1]) + img_features
        return self.linear(torch.tanh(x)).unsqueeze(1), None

    def sample(self, ingr_features, ingr_mask, greedy=True, temperature=1.0, img_features=None,
               first_token_value=0):
        incremental_state = {}
        fs = img_features.size(0)

        first_word = torch.ones(fs) * first_token_value
        first_word = first_word.to(device).long()
        sampled_ids = [first_word]
        logits = []

        for i in range(self.seq_length):
            outputs, _ = self.forward(ingr_features, ingr_mask, torch.stack(sampled_ids, 1),
                                      img_features, incremental_state)
            outputs = outputs.squeeze(1)
            logits.append(outputs)
            outputs_prob = torch.nn.functional.softmax(outputs, dim=-1)
            _, predicted = outputs_prob.max(1)
            predicted = predicted.detach()
            sampled_ids.append(predicted)

        sampled_ids = torch.stack(sampled_ids[1:], 1)
        logits = torch.stack(logits, 1).data

        return sampled_ids, logits
