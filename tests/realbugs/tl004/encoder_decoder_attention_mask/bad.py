# source: https://github.com/huggingface/transformers/pull/41748
# The encoder-decoder model builds the decoder attention mask from the shifted
# labels with new_tensor() of a boolean tensor.
import torch
import torch.nn as nn


def shift_tokens_right(input_ids, pad_token_id, decoder_start_token_id):
    shifted = input_ids.new_zeros(input_ids.shape)
    shifted[:, 1:] = input_ids[:, :-1].clone()
    shifted[:, 0] = decoder_start_token_id
    return shifted.masked_fill(shifted == -100, pad_token_id)


class EncoderDecoderModel(nn.Module):
    def __init__(self, vocab=100, dim=32, pad_token_id=0, decoder_start_token_id=1):
        super().__init__()
        self.pad_token_id = pad_token_id
        self.decoder_start_token_id = decoder_start_token_id
        self.embed = nn.Embedding(vocab, dim)
        self.lm_head = nn.Linear(dim, vocab)

    def forward(self, input_ids, attention_mask, labels):
        decoder_input_ids = shift_tokens_right(labels, self.pad_token_id, self.decoder_start_token_id)
        decoder_attention_mask = decoder_input_ids.new_tensor(decoder_input_ids != self.pad_token_id)  # error: TL004
        memory = (self.embed(input_ids) * attention_mask[..., None]).mean(1, keepdim=True)
        hidden = self.embed(decoder_input_ids) * decoder_attention_mask[..., None] + memory
        logits = self.lm_head(hidden)
        return nn.functional.cross_entropy(logits.view(-1, logits.size(-1)), labels.view(-1), ignore_index=-100)


model = EncoderDecoderModel()
src = torch.randint(2, 100, (2, 7))
labels = torch.randint(2, 100, (2, 5))
labels[1, 3:] = -100
loss = model(src, torch.ones_like(src), labels)
