import type { SeedRoleDefinition } from './seed';

/** Real Azure built-in role definition GUIDs; clients and portal deep links rely on them. */
export const BUILTIN_ROLE_IDS = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  userAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  rbacAdministrator: 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
  keyVaultAdministrator: '00482a5a-887f-4fb3-b363-3b7fe8e74483',
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  virtualMachineContributor: '9980e02c-c2be-4d73-94e8-173b1dc7cf3c',
  networkContributor: '4d97b98b-1d4f-4787-a291-c67834d212e7',
} as const;

export const BUILTIN_ROLES: SeedRoleDefinition[] = [
  {
    id: BUILTIN_ROLE_IDS.owner,
    roleName: 'Owner',
    type: 'BuiltInRole',
    description:
      'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
    actions: ['*'],
  },
  {
    id: BUILTIN_ROLE_IDS.contributor,
    roleName: 'Contributor',
    type: 'BuiltInRole',
    description:
      'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.',
    actions: ['*'],
    notActions: [
      'Microsoft.Authorization/*/Delete',
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/elevateAccess/Action',
    ],
  },
  {
    id: BUILTIN_ROLE_IDS.reader,
    roleName: 'Reader',
    type: 'BuiltInRole',
    description: 'View all resources, but does not allow you to make any changes.',
    actions: ['*/read'],
  },
  {
    id: BUILTIN_ROLE_IDS.userAccessAdministrator,
    roleName: 'User Access Administrator',
    type: 'BuiltInRole',
    description: 'Lets you manage user access to Azure resources.',
    actions: ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'],
  },
  {
    id: BUILTIN_ROLE_IDS.rbacAdministrator,
    roleName: 'Role Based Access Control Administrator',
    type: 'BuiltInRole',
    description:
      'Manage access to Azure resources by assigning roles using Azure RBAC. This role does not allow you to manage access using other ways, such as Azure Policy.',
    actions: [
      'Microsoft.Authorization/roleAssignments/write',
      'Microsoft.Authorization/roleAssignments/delete',
      '*/read',
    ],
  },
  {
    id: BUILTIN_ROLE_IDS.keyVaultAdministrator,
    roleName: 'Key Vault Administrator',
    type: 'BuiltInRole',
    description:
      'Perform all data plane operations on a key vault and all objects in it, including certificates, keys, and secrets.',
    actions: ['Microsoft.Authorization/*/read', 'Microsoft.KeyVault/checkNameAvailability/read'],
    dataActions: ['Microsoft.KeyVault/vaults/*'],
  },
  {
    id: BUILTIN_ROLE_IDS.storageBlobDataContributor,
    roleName: 'Storage Blob Data Contributor',
    type: 'BuiltInRole',
    description: 'Read, write, and delete Azure Storage containers and blobs.',
    actions: ['Microsoft.Storage/storageAccounts/blobServices/containers/*'],
    dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*'],
  },
  {
    id: BUILTIN_ROLE_IDS.virtualMachineContributor,
    roleName: 'Virtual Machine Contributor',
    type: 'BuiltInRole',
    description:
      'Create and manage virtual machines, manage disks, install and run software, reset password of the root user of the virtual machine using VM extensions.',
    actions: ['Microsoft.Compute/virtualMachines/*', 'Microsoft.Resources/subscriptions/resourceGroups/read'],
  },
  {
    id: BUILTIN_ROLE_IDS.networkContributor,
    roleName: 'Network Contributor',
    type: 'BuiltInRole',
    description: 'Lets you manage networks, but not access to them.',
    actions: ['Microsoft.Network/*', 'Microsoft.Resources/subscriptions/resourceGroups/read'],
  },
];
