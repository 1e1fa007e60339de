// The `signingParams` and `signerParams` objects of a basics `sign`
// request, which the TinySign module's `signFile` takes as well.
//
//   signingParams: decode (default false: `data` is text), encapsulate
//     (default true: attached), digested (default false), tsaProfile
//     (present and not null: add a timestamp).
//   signerParams: extKeyUsageOids (required, [] for any), iin, bin,
//     serialNumber, chain (absent: only currently valid certificates;
//     []: any; PEM CA certificates: issued by one of them).
#ifndef TINYSIGN_NCALAYER_MODULE_SIGN_PARAMS_H_
#define TINYSIGN_NCALAYER_MODULE_SIGN_PARAMS_H_

#include <boost/json/object.hpp>
#include <string>

#include "ncalayer-module/key_selection.h"

namespace tinysign::ncalayer {

struct SigningParams {
  bool decode = false;
  bool encapsulate = true;
  bool digested = false;
  bool timestamp = false;
};

// ParseSigningParams reads `args.signingParams` into `params`, whose
// fields hold the defaults on entry. It returns false with an org.json
// style message in `error` when the object or a flag has the wrong type.
bool ParseSigningParams(const boost::json::object& args, SigningParams* params,
                        std::string* error);

// ParseSignerParams reads `args.signerParams` into the fields of `filter`
// other than `now`. It returns false with an org.json style message when
// the object or `extKeyUsageOids` is missing or a field has the wrong type,
// or when a `chain` entry is not a PEM certificate.
bool ParseSignerParams(const boost::json::object& args, KeyFilter* filter,
                       std::string* error);

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_SIGN_PARAMS_H_
