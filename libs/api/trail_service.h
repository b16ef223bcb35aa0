// TrailService: reading and verifying the tamper-evident trail (trail_service.proto), served by
// the tenant service and the aggregator, each for its own database. The entries themselves are
// appended by the features they record (storage::Trail), never through this API.
#pragma once

#include "libs/storage/database.h"
#include "libs/storage/trail.h"
#include "schutznetz/v1/trail_service.grpc.pb.h"

namespace schutznetz::api {

class TrailService final : public v1::TrailService::Service {
 public:
  explicit TrailService(storage::Database& db);

  grpc::Status ListTrail(grpc::ServerContext* ctx, const v1::ListTrailRequest* req,
                         v1::ListTrailResponse* resp) override;
  grpc::Status VerifyTrail(grpc::ServerContext* ctx, const v1::VerifyTrailRequest* req,
                           v1::VerifyTrailResponse* resp) override;

 private:
  storage::Database& db_;
  storage::Trail trail_;
};

// The proto form of `e`.
void TrailEntryToProto(const domain::TrailEntry& e, v1::TrailEntry* out);

}  // namespace schutznetz::api
