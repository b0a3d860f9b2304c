# source: https://github.com/facebookresearch/inversecooking/issues/8
import torch
import torch.nn as nn


def label2onehot(labels, pad_value):
    one_hot = torch.zeros(labels.size(0), labels.size(1), pad_value + 1)
    one_hot.scatter_(2, labels.unsqueeze(2), 1)
    one_hot, _ = one_hot.max(dim=1)
    one_hot = one_hot[:, :-1]
    one_hot[:, 0] = 0
    return one_hot


def mask_from_eos(ids, eos_value):
    mask = torch.ones_like(ids)
    seen_eos = torch.zeros(ids.size(0), dtype=torch.bool)
    for i in range(ids.size(1)):
        mask[:, i] = (~seen_eos).long()
        seen_eos = seen_eos | (ids[:, i] == eos_value)
    return mask


class InverseCookingModel(nn.Module):
    def __init__(self, image_encoder, ingr_decoder, crit_ingr, crit_eos, pad_value, ingrs_only=True):
        super(InverseCookingModel, self).__init__()
        self.image_encoder = image_encoder
        self.ingredient_decoder = ingr_decoder
        self.crit_ingr = crit_ingr
        self.crit_eos = crit_eos
        self.pad_value = pad_value
        self.ingrs_only = ingrs_only

    def forward(self, img_inputs, target_ingrs):
        img_features = self.image_encoder(img_inputs)

        losses = {}
        target_one_hot = label2onehot(target_ingrs, self.pad_value)

        ingr_ids, ingr_logits = self.ingredient_decoder.sample(None, None, greedy=True, temperature=1.0,
                                                               img_features=img_features, first_token_value=0)
        ingr_logits = torch.nn.functional.softmax(ingr_logits, dim=-1)

        eos = ingr_logits[:, :, 0]
        target_eos = ((target_ingrs == 0) ^ (target_ingrs == self.pad_value))

        mask_perminv = mask_from_eos(target_ingrs, eos_value=0)
        ingr_probs = ingr_logits * mask_perminv.float().unsqueeze(-1)
        ingr_probs, _ = torch.max(ingr_probs, dim=1)

        ingr_loss = self.crit_ingr(ingr_probs, target_one_hot)
        losses['ingr_loss'] = torch.mean(ingr_loss, dim=-1)
        losses['card_penalty'] = torch.abs((ingr_probs * target_one_hot).sum(1) - target_one_hot.sum(1)) + \
            torch.abs((ingr_probs * (1 - target_one_hot)).sum(1))
        losses['eos_loss'] = self.crit_eos(eos, target_eos.float()).mean(1)

        if self.ingrs_only:
            return losses
        raise NotImplementedError("the recipe decoder is not part of this reconstruction")
