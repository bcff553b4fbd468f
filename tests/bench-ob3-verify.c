/* bench-ob3-verify.c: Open Badges 3.0 verifications per second, offline
 * (did:key issuers, bundled contexts), for eddsa-rdfc-2022,
 * Ed25519Signature2020 and VC-JWT (EdDSA, ES256, RS256), with 200 and
 * 10 000 credentials, on one thread and on every core.
 *
 * Run with `meson test -C _build --benchmark ob3-verify -v`.  The cost per
 * credential should stay flat from 200 to 10 000.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-data-integrity.h"
#include "credence-json.h"
#include "credence-jsonld.h"
#include "credence-multibase.h"
#include "credence-ob3-verifier.h"
#include "credence-test-keys.h"

typedef enum
{
  KIND_EDDSA_RDFC,
  KIND_ED25519_2020,
  KIND_JWT_EDDSA,
  KIND_JWT_ES256,
  KIND_JWT_RS256,
} Kind;

static const char *kind_names[] = {
  "eddsa-rdfc-2022", "Ed25519Signature2020", "VC-JWT EdDSA", "VC-JWT ES256", "VC-JWT RS256",
};

typedef struct
{
  GPtrArray *nodes;   /* JsonNode, for embedded proofs */
  GPtrArray *tokens;  /* char *, for VC-JWT */
  gint       failures;
} Batch;

static JsonNode *
make_credential (const char *issuer,
                 guint       n,
                 gboolean    ed2020)
{
  g_autofree char *text = g_strdup_printf (
    "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\","
    "\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\"%s],"
    "\"id\":\"urn:uuid:00000000-0000-4000-8000-%012u\","
    "\"type\":[\"VerifiableCredential\",\"OpenBadgeCredential\"],"
    "\"issuer\":{\"id\":\"%s\",\"type\":[\"Profile\"],\"name\":\"Bench Issuer\"},"
    "\"validFrom\":\"2025-01-01T00:00:00Z\",\"name\":\"Badge %u\","
    "\"credentialSubject\":{\"id\":\"did:example:learner%u\",\"type\":[\"AchievementSubject\"],"
    "\"achievement\":{\"id\":\"https://example.org/achievements/%u\",\"type\":[\"Achievement\"],"
    "\"name\":\"Achievement %u\",\"description\":\"Benchmark achievement.\","
    "\"criteria\":{\"narrative\":\"Do the thing.\"}}}}",
    ed2020 ? ",\"https://w3id.org/security/suites/ed25519-2020/v1\"" : "",
    n, issuer, n, n, n % 50, n % 50);
  g_autoptr(GError) error = NULL;
  JsonNode *node = credence_json_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  return node;
}

static char *
sign_jwt (JsonNode                   *credential,
          TestKey                    *key,
          CredenceSignatureAlgorithm  alg,
          const char                 *alg_name,
          const char                 *issuer,
          const char                 *vm)
{
  JsonObject *o = json_node_get_object (credential);
  g_autofree char *header = NULL;
  g_autofree char *body = NULL;
  g_autofree char *h = NULL;
  g_autofree char *p = NULL;
  g_autofree char *input = NULL;
  g_autoptr(GBytes) sig = NULL;
  g_autofree char *s = NULL;

  json_object_set_string_member (o, "iss", issuer);
  json_object_set_int_member (o, "nbf", 1735689600);
  if (vm != NULL)
    header = g_strdup_printf ("{\"alg\":\"%s\",\"kid\":\"%s\"}", alg_name, vm);
  else
    {
      g_autofree char *jwk = credence_json_to_string (json_node_init_object (json_node_alloc (), test_key_to_jwk (key)), FALSE);

      header = g_strdup_printf ("{\"alg\":\"%s\",\"jwk\":%s}", alg_name, jwk);
    }
  body = credence_json_to_string (credential, FALSE);
  h = credence_base64url_encode ((const guint8 *) header, strlen (header));
  p = credence_base64url_encode ((const guint8 *) body, strlen (body));
  input = g_strconcat (h, ".", p, NULL);
  sig = test_key_sign (key, alg, input, strlen (input));
  s = credence_base64url_encode (g_bytes_get_data (sig, NULL), g_bytes_get_size (sig));
  return g_strconcat (input, ".", s, NULL);
}

static Batch *
make_batch (Kind  kind,
            guint n)
{
  CredenceKeyType type = kind == KIND_JWT_ES256 ? CREDENCE_KEY_TYPE_P256
                         : kind == KIND_JWT_RS256 ? CREDENCE_KEY_TYPE_RSA : CREDENCE_KEY_TYPE_ED25519;
  g_autoptr(TestKey) key = test_key_new (type);
  g_autofree char *did = type != CREDENCE_KEY_TYPE_RSA ? test_key_did_key (key) : NULL;
  g_autofree char *vm = did != NULL ? g_strconcat (did, "#", did + strlen ("did:key:"), NULL) : NULL;
  const char *issuer = did != NULL ? did : "https://issuer.example/profile";
  Batch *batch = g_new0 (Batch, 1);

  batch->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  batch->tokens = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonNode) node = make_credential (issuer, i, kind == KIND_ED25519_2020);

      switch (kind)
        {
        case KIND_EDDSA_RDFC:
        case KIND_ED25519_2020:
          test_key_add_proof (key, json_node_get_object (node), vm,
                              kind == KIND_ED25519_2020 ? "Ed25519Signature2020" : "DataIntegrityProof",
                              kind == KIND_ED25519_2020 ? NULL : "eddsa-rdfc-2022", "assertionMethod");
          g_ptr_array_add (batch->nodes, g_steal_pointer (&node));
          break;
        case KIND_JWT_EDDSA:
          g_ptr_array_add (batch->tokens, sign_jwt (node, key, CREDENCE_SIGNATURE_EDDSA, "EdDSA", issuer, vm));
          break;
        case KIND_JWT_ES256:
          g_ptr_array_add (batch->tokens, sign_jwt (node, key, CREDENCE_SIGNATURE_ES256, "ES256", issuer, vm));
          break;
        case KIND_JWT_RS256:
        default:
          g_ptr_array_add (batch->tokens, sign_jwt (node, key, CREDENCE_SIGNATURE_RS256, "RS256", issuer, NULL));
          break;
        }
    }
  return batch;
}

static void
batch_free (Batch *batch)
{
  g_ptr_array_unref (batch->nodes);
  g_ptr_array_unref (batch->tokens);
  g_free (batch);
}

typedef struct
{
  Batch          *batch;
  CredenceLoader *loader;
  guint           start;
  guint           end;
} Slice;

static gpointer
verify_slice (gpointer data)
{
  Slice *slice = data;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 6, 1, 0, 0, 0);

  for (guint i = slice->start; i < slice->end; i++)
    {
      g_autoptr(CredenceVerification) report = credence_verification_new ();
      CredenceVerifyContext ctx = { slice->loader, NULL, now, NULL, NULL, report };

      if (slice->batch->tokens->len > 0)
        credence_ob3_verify_jwt (&ctx, slice->batch->tokens->pdata[i]);
      else
        credence_ob3_verify_json (&ctx, slice->batch->nodes->pdata[i]);
      if (credence_verification_get_verdict (report) != CREDENCE_VERDICT_VALID)
        g_atomic_int_inc (&slice->batch->failures);
    }
  return NULL;
}

static double
run (Batch          *batch,
     CredenceLoader *loader,
     guint           n,
     guint           jobs)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  g_autofree Slice *slices = g_new0 (Slice, jobs);
  gint64 start = g_get_monotonic_time ();

  for (guint j = 0; j < jobs; j++)
    {
      slices[j].batch = batch;
      slices[j].loader = loader;
      slices[j].start = n * j / jobs;
      slices[j].end = n * (j + 1) / jobs;
      g_ptr_array_add (threads, g_thread_new ("verify", verify_slice, &slices[j]));
    }
  for (guint j = 0; j < jobs; j++)
    g_thread_join (threads->pdata[j]);

  return n / ((g_get_monotonic_time () - start) / 1e6);
}

/* Writes @batch to @dir, one credential per file, for the peer verifiers
 * in bench/peers/ to read the very same credentials.
 */
static void
dump_batch (Batch      *batch,
            const char *dir)
{
  g_autoptr(GError) error = NULL;
  guint n = MAX (batch->nodes->len, batch->tokens->len);

  g_mkdir_with_parents (dir, 0700);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = batch->tokens->len > 0
                                ? g_strdup (batch->tokens->pdata[i])
                                : credence_json_to_string (batch->nodes->pdata[i], FALSE);
      g_autofree char *name = g_strdup_printf ("%05u.%s", i, batch->tokens->len > 0 ? "jwt" : "json");
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
    }
}

/* Runs the peer verifier of bench/peers/ on the credentials in @dir and
 * returns its credentials per second, 0 when it is not set up, or -1 when
 * it cannot verify them.
 */
static double
run_peer (const char *peers_dir,
          const char *kind,
          const char *dir)
{
  g_autofree char *script = g_build_filename (peers_dir, "verify.mjs", NULL);
  g_autofree char *modules = g_build_filename (peers_dir, "node_modules", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "node", script, kind, dir, NULL };
  int status = 0;

  if (!g_file_test (modules, G_FILE_TEST_IS_DIR))
    return 0;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_print ("# peer failed for %s: %s\n", kind, err != NULL ? err : "");
      return -1;
    }
  g_print ("# peer: %s", out);
  return g_ascii_strtod (out, NULL);
}

/* Side by side with the peers, in one run: the same 200 credentials of each
 * kind through Credence (1 job) and through @digitalcredentials/verifier-core
 * (Data Integrity) or did-jwt-vc (VC-JWT).
 */
static int
compare_with_peers (CredenceLoader *loader,
                    const char     *peers_dir)
{
  static const char *peer_kinds[] = { "eddsa-rdfc-2022", "Ed25519Signature2020", "jwt-EdDSA", "jwt-ES256", "jwt-RS256" };
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("credence-peers-XXXXXX", &error);
  guint n = 200;

  g_assert_no_error (error);
  g_print ("1..%u\n", (guint) G_N_ELEMENTS (peer_kinds));
  for (guint k = 0; k < G_N_ELEMENTS (peer_kinds); k++)
    {
      Batch *batch = make_batch (k, n);
      g_autofree char *dir = g_build_filename (tmp, peer_kinds[k], NULL);
      double ours, theirs;

      dump_batch (batch, dir);
      run (batch, loader, MIN (n, 10), 1);
      batch->failures = 0;
      ours = run (batch, loader, n, 1);
      theirs = run_peer (peers_dir, peer_kinds[k], dir);
      if (theirs > 0)
        g_print ("%s %u - %s: Credence %.0f/s, peer %.1f/s, ratio %.1fx\n",
                 batch->failures == 0 ? "ok" : "not ok", k + 1, kind_names[k], ours, theirs, ours / theirs);
      else
        g_print ("ok %u - %s: Credence %.0f/s # SKIP %s\n", k + 1, kind_names[k], ours,
                 theirs < 0 ? "the peer cannot verify these credentials"
                            : "peer not set up (bench/peers/setup)");
      batch_free (batch);
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  static const guint sizes[] = { 200, 10000 };
  g_autoptr(CredenceLoader) loader = credence_loader_new ();
  guint cores = MAX (1, g_get_num_processors ());
  guint test = 0;

  credence_loader_set_offline (loader, TRUE);
  if (argc > 2 && g_strcmp0 (argv[1], "--peers") == 0)
    return compare_with_peers (loader, argv[2]);

  g_print ("1..%u\n", (guint) (G_N_ELEMENTS (kind_names) * G_N_ELEMENTS (sizes)));
  g_print ("# offline, did:key issuers (RS256: key in the header), bundled contexts, %u cores\n", cores);

  for (guint k = 0; k < G_N_ELEMENTS (kind_names); k++)
    {
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          guint n = sizes[s];
          Batch *batch = make_batch (k, n);
          double one, all;

          /* Warm the processor's context cache once. */
          run (batch, loader, MIN (n, 10), 1);
          batch->failures = 0;
          one = run (batch, loader, n, 1);
          all = run (batch, loader, n, cores);
          g_print ("%s %u - %s, %u credentials: %.0f/s on 1 job (%.1f µs each), %.0f/s on %u jobs\n",
                   batch->failures == 0 ? "ok" : "not ok", ++test, kind_names[k], n,
                   one, 1e6 / one, all, cores);
          if (batch->failures != 0)
            g_print ("# %d verifications were not valid\n", batch->failures);
          batch_free (batch);
        }
    }

  return 0;
}
