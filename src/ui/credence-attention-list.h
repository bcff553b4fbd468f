/* credence-attention-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "credence-badge-item.h"

G_BEGIN_DECLS

/**
 * CredenceAttentionGroup:
 * @CREDENCE_ATTENTION_REVOKED: revoked or suspended by the issuer
 * @CREDENCE_ATTENTION_EXPIRED: expired
 * @CREDENCE_ATTENTION_PROBLEM: another check failed
 * @CREDENCE_ATTENTION_COULDNT_CHECK: the last check could not finish
 * @CREDENCE_ATTENTION_NOT_CHECKED: never checked, or not for a long time
 *
 * Why a badge needs attention, in the order the page shows the groups.
 */
typedef enum
{
  CREDENCE_ATTENTION_REVOKED,
  CREDENCE_ATTENTION_EXPIRED,
  CREDENCE_ATTENTION_PROBLEM,
  CREDENCE_ATTENTION_COULDNT_CHECK,
  CREDENCE_ATTENTION_NOT_CHECKED,
  CREDENCE_ATTENTION_N_GROUPS
} CredenceAttentionGroup;

#define CREDENCE_TYPE_ATTENTION_LIST (credence_attention_list_get_type ())

G_DECLARE_FINAL_TYPE (CredenceAttentionList, credence_attention_list, CREDENCE, ATTENTION_LIST, AdwBin)

CredenceAttentionGroup credence_attention_group_for_item   (CredenceBadgeItem     *item,
                                                            gint64                 now);
const char            *credence_attention_group_get_title  (CredenceAttentionGroup group);

void                   credence_attention_list_set_model   (CredenceAttentionList *self,
                                                            GListModel            *attention);
GListModel            *credence_attention_list_get_rows    (CredenceAttentionList *self);
guint                  credence_attention_list_get_n_in_group (CredenceAttentionList *self,
                                                            CredenceAttentionGroup group);

void                   credence_attention_list_set_progress (CredenceAttentionList *self,
                                                            guint                  done,
                                                            guint                  total);
const char            *credence_attention_list_get_progress_text (CredenceAttentionList *self);

G_END_DECLS
