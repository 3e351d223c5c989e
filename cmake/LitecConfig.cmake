# find_package(Litec): the installed litec tool (Litec::litec) and litec_add_model().
include("${CMAKE_CURRENT_LIST_DIR}/LitecTargets.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/LitecAddModel.cmake")
