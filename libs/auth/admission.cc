#include "libs/auth/admission.h"

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"

namespace schutznetz::auth {
namespace {

struct Entry {
  Admission admission;
  bool taken = false;
};

class Table {
 public:
  absl::Mutex mu;
  absl::flat_hash_map<const grpc::ServerContextBase*, Entry> entries ABSL_GUARDED_BY(mu);
};

Table& Global() {
  static Table* table = new Table();
  return *table;
}

}  // namespace

std::string Admission::Actor() const {
  return token_id.empty() ? "anonymous" : "token:" + token_id;
}

void AdmissionRegistry::Record(const grpc::ServerContextBase* ctx, Admission admission) {
  Table& t = Global();
  absl::MutexLock lock(&t.mu);
  t.entries[ctx] = Entry{std::move(admission), false};
}

std::optional<Admission> AdmissionRegistry::Take(const grpc::ServerContextBase* ctx) {
  Table& t = Global();
  absl::MutexLock lock(&t.mu);
  auto it = t.entries.find(ctx);
  if (it == t.entries.end()) return std::nullopt;
  it->second.taken = true;
  return it->second.admission;
}

bool AdmissionRegistry::Taken(const grpc::ServerContextBase* ctx) {
  Table& t = Global();
  absl::MutexLock lock(&t.mu);
  auto it = t.entries.find(ctx);
  return it != t.entries.end() && it->second.taken;
}

std::string AdmissionRegistry::ActorOf(const grpc::ServerContextBase* ctx) {
  Table& t = Global();
  absl::MutexLock lock(&t.mu);
  auto it = t.entries.find(ctx);
  return it == t.entries.end() ? "" : it->second.admission.Actor();
}

void AdmissionRegistry::Forget(const grpc::ServerContextBase* ctx) {
  Table& t = Global();
  absl::MutexLock lock(&t.mu);
  t.entries.erase(ctx);
}

}  // namespace schutznetz::auth
