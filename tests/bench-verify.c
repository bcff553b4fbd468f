/* bench-verify.c: Open Badges 2.0 badges verified per second.
 *
 * Run with `meson test -C _build --benchmark verify -v`.  For hosted and
 * signed badges, 200 and 10 000 of them, with 1 job and with every core:
 *  - online, against an issuer site on a loopback SoupServer (each hosted
 *    assertion and each revocation list is fetched; issuer, BadgeClass and
 *    key come from the loader's short-lived memory cache, as badgecheck's
 *    request cache does);
 *  - offline, from the documents pinned by the online run.
 * Times are wall-clock (the jobs run in parallel); every badge must come
 * out valid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "credence-test-rsa.h"
#include "credence-test-server.h"
#include "credence-verifier.h"

typedef struct
{
  CredenceVerifier    *verifier;
  CredenceDocumentSet *pins;
  GPtrArray           *inputs; /* GBytes */
  gint                 valid;
} Run;

static void
verify_one_cb (gpointer data,
               gpointer user_data)
{
  Run *run = user_data;
  GBytes *input = g_ptr_array_index (run->inputs, GPOINTER_TO_UINT (data) - 1);
  g_autoptr(CredenceVerification) report = credence_verifier_verify_bytes (run->verifier, input, run->pins,
                                                                           NULL);

  if (credence_verification_get_verdict (report) == CREDENCE_VERDICT_VALID)
    g_atomic_int_inc (&run->valid);
}

/* Returns badges per second, or -1 if any badge was not valid. */
static double
measure (CredenceVerifier    *verifier,
         CredenceDocumentSet *pins,
         GPtrArray           *inputs,
         guint                jobs)
{
  Run run = { verifier, pins, inputs, 0 };
  GThreadPool *pool = g_thread_pool_new (verify_one_cb, &run, jobs, FALSE, NULL);
  gint64 start = g_get_monotonic_time ();
  double seconds;

  for (guint i = 0; i < inputs->len; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  if ((guint) run.valid != inputs->len)
    {
      g_print ("# only %d of %u badges were valid\n", run.valid, inputs->len);
      return -1;
    }
  return inputs->len / seconds;
}

static void
serve (TestServer *server,
       const char *path,
       const char *body)
{
  test_server_add_string (server, path, 200, "application/ld+json", body);
}

static void
serve_issuer (TestServer *server,
              const char *base,
              RsaKey     *key)
{
  g_autofree char *issuer = g_strdup_printf (
    "{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"Issuer\", \"id\": \"%sissuer.json\","
    " \"name\": \"Bench Issuer\", \"url\": \"%s\", \"email\": \"badges@example.org\","
    " \"publicKey\": \"%skey.json\", \"revocationList\": \"%srevocations.json\"}", base, base, base, base);
  g_autofree char *key_doc = g_strdup_printf (
    "{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"CryptographicKey\", \"id\": \"%skey.json\","
    " \"owner\": \"%sissuer.json\", \"publicKeyPem\": \"%s\"}", base, base, rsa_key_get_pem_json (key));
  g_autofree char *badge = g_strdup_printf (
    "{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"BadgeClass\", \"id\": \"%sbadge.json\","
    " \"name\": \"Bench\", \"description\": \"Benchmarks.\", \"image\": \"%sbadge.png\","
    " \"criteria\": {\"narrative\": \"Run it.\"}, \"issuer\": \"%sissuer.json\"}", base, base, base);
  g_autofree char *list = g_strdup_printf (
    "{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"RevocationList\","
    " \"id\": \"%srevocations.json\", \"revokedAssertions\": [\"urn:uuid:none\"]}", base);

  serve (server, "/issuer.json", issuer);
  serve (server, "/key.json", key_doc);
  serve (server, "/badge.json", badge);
  serve (server, "/revocations.json", list);
}

static char *
make_assertion (const char *base,
                const char *id,
                const char *verification)
{
  return g_strdup_printf (
    "{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"Assertion\", \"id\": \"%s\","
    " \"recipient\": {\"type\": \"email\", \"hashed\": true, \"salt\": \"s\","
    " \"identity\": \"sha256$0b8cd0a7bdc8a0b4ab3b8d1bd1e8b8d6f6ea0d5fe6b7e6a8b5d1a8e5c8d4e1f2\"},"
    " \"badge\": \"%sbadge.json\", \"verification\": %s, \"issuedOn\": \"2024-01-01T00:00:00Z\"}",
    id, base, verification);
}

int
main (int   argc,
      char *argv[])
{
  TestServer *server = test_server_new ();
  const char *base = test_server_get_base (server);
  RsaKey *key = rsa_key_new ();
  g_autofree char *verification = NULL;
  const guint sizes[] = { 200, 10000 };
  guint cores = MAX (1u, g_get_num_processors ());
  guint job_counts[] = { 1, cores };
  guint test = 0;

  g_print ("TAP version 13\n");
  g_print ("1..%u\n", (guint) (G_N_ELEMENTS (sizes) * 2 * 2 * 2));

  serve_issuer (server, base, key);
  verification = g_strdup_printf ("{\"type\": \"SignedBadge\", \"creator\": \"%skey.json\"}", base);

  for (gsize s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GPtrArray) hosted = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      g_autoptr(GPtrArray) signed_badges = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      g_autoptr(CredenceDocumentSet) pins = credence_document_set_new ();
      GPtrArray *kinds[] = { hosted, signed_badges };
      const char *kind_names[] = { "hosted", "signed" };
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < sizes[s]; i++)
        {
          g_autofree char *path = g_strdup_printf ("/a/%u-%u.json", sizes[s], i);
          g_autofree char *id = g_strdup_printf ("%sa/%u-%u.json", base, sizes[s], i);
          g_autofree char *uuid = g_strdup_printf ("urn:uuid:%u-%u", sizes[s], i);
          g_autofree char *json = make_assertion (base, id, "{\"type\": \"HostedBadge\"}");
          g_autofree char *payload = make_assertion (base, uuid, verification);
          char *jws = sign_jws (key, "{\"alg\":\"RS256\"}", payload);

          serve (server, path, json);
          g_ptr_array_add (hosted, g_bytes_new_take (g_steal_pointer (&json), strlen (json)));
          g_ptr_array_add (signed_badges, g_bytes_new_take (jws, strlen (jws)));
        }
      g_print ("# %u badges of each kind made and signed in %.1f s\n", sizes[s],
               (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

      for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
        for (gsize online = 2; online-- > 0;)
          for (gsize j = 0; j < G_N_ELEMENTS (job_counts); j++)
            {
              g_autoptr(CredenceLoader) loader = credence_loader_new ();
              g_autoptr(CredenceVerifier) verifier = NULL;
              double rate;

              credence_loader_set_offline (loader, !online);
              verifier = credence_verifier_new (loader);
              rate = measure (verifier, pins, kinds[k], job_counts[j]);

              g_print ("%s %u - %s %s, %u badges, %u job%s: %.0f badges/s\n", rate > 0 ? "ok" : "not ok",
                       ++test, kind_names[k], online ? "online" : "offline", sizes[s], job_counts[j],
                       job_counts[j] == 1 ? "" : "s", rate);
            }
    }

  rsa_key_free (key);
  test_server_free (server);
  return 0;
}
