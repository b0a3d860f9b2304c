# source: https://github.com/social-ai-uoft/sorrel/pull/28
# The merged fix: forward keeps the state heads' logits (no softmax), which
# CrossEntropyLoss in state_loss expects; an empty mask gives a zero loss.
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class ViTOneHot(nn.Module):
    def __init__(self, state_size=(3, 4, 4), action_space=5, layer_size=16, num_frames=2, batch_size=2,
                 LR=1e-3, device="cpu"):
        super().__init__()
        self.state_size = state_size
        self.action_space = action_space
        self.num_frames = num_frames
        self.batch_size = batch_size
        self.device = device
        # stands in for the vision transformer's token embedding and blocks
        self.token_embedding = nn.Linear(int(np.prod(state_size)) + action_space, layer_size)
        self.layernorm = nn.LayerNorm(layer_size)
        self.action_head = nn.Linear(layer_size, action_space)
        # for each channel, a positive and a negative classification weight per pixel
        self.state_heads = nn.ModuleList([])
        for _ in range(state_size[0]):
            self.state_heads.append(nn.Linear(in_features=layer_size,
                                              out_features=np.array(state_size[1:]).prod() * 2))
        self.optimizer = torch.optim.Adam(self.parameters(), lr=LR)

    def forward(self, states, actions):
        B, T, C, H, W = states.size()
        tokens = torch.cat((states.flatten(2), F.one_hot(actions, self.action_space).float()), dim=-1)
        x = self.layernorm(torch.relu(self.token_embedding(tokens)))

        action_prediction = self.action_head(x)

        state_predictions = torch.tensor([], requires_grad=True)
        for _, state_head in enumerate(self.state_heads):
            state_prediction = state_head(x).view(B, T, 2, H, W)
            # Keep logits (no softmax here); CrossEntropyLoss in state_loss expects logits
            # Cat on the last dimension to create a six-dimensional array (B, T, 2, H, W, C)
            state_predictions = torch.cat((state_predictions, state_prediction.unsqueeze(-1)), dim=-1)

        return state_predictions, action_prediction

    def state_loss(self, state_predictions, state_targets, mask):
        # Moving class dimension to back
        state_predictions = state_predictions.permute(0, 1, 5, 3, 4, 2)
        # Flattening to 1D
        predictions_flat = state_predictions.reshape(-1, 2)
        targets_flat = state_targets.long().reshape(-1)
        mask_flat = mask.reshape(-1)
        loss = nn.CrossEntropyLoss()
        # Extracting only the visibles (1 = visible, 0 = masked)
        predictions_masked = predictions_flat[mask_flat == 1]
        targets_masked = targets_flat[mask_flat == 1]
        # Handling empty mask
        if predictions_masked.numel() == 0:
            return torch.tensor(0.0, device=predictions_flat.device, dtype=predictions_flat.dtype)
        return loss(predictions_masked, targets_masked)

    def action_loss(self, action_predictions, action_targets):
        loss = nn.CrossEntropyLoss()
        return loss(action_predictions.transpose(1, 2), action_targets)

    def get_batch(self):
        # stands in for sampling (S', A) inputs and (S'', A') targets from the replay memory
        B, T = self.batch_size, self.num_frames
        state_inputs = torch.randint(0, 2, (B, T) + self.state_size).float()
        action_inputs = torch.randint(0, self.action_space, (B, T))
        state_targets = torch.randint(0, 2, (B, T) + self.state_size).float()
        action_targets = torch.randint(0, self.action_space, (B, T))
        return state_inputs, action_inputs, state_targets, action_targets

    def train_model(self, mask_type='full'):
        state_inputs, action_inputs, state_targets, action_targets = self.get_batch()
        state_inputs = state_inputs.to(self.device)
        action_inputs = action_inputs.to(self.device)
        if mask_type == 'full':
            state_mask = torch.ones(state_targets.shape, dtype=torch.bool, device=state_targets.device)
        state_predictions, action_predictions = self.forward(state_inputs, action_inputs)
        # Calling state_loss with mask
        state_loss = self.state_loss(state_predictions, state_targets, state_mask)
        action_loss = self.action_loss(action_predictions, action_targets)
        loss = state_loss + action_loss
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return state_loss.detach().cpu().item(), action_loss.detach().cpu().item()


torch.manual_seed(0)
model = ViTOneHot()
for epoch in range(2):
    state_loss, action_loss = model.train_model()
